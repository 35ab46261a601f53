package org.cellpath.console.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cellpath.console.signin.ConsoleUser;
import org.cellpath.console.signin.CurrentUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

/**
 * What every page's header needs: who is signed in, the page's language, and where the language
 * switcher points.
 */
@ControllerAdvice
class PageModel {

  @ModelAttribute("user")
  ConsoleUser user() {
    return CurrentUser.current().orElse(null);
  }

  @ModelAttribute("lang")
  String lang(Locale locale) {
    return WebConfiguration.supported(locale).getLanguage();
  }

  /**
   * The language switcher's links: this page in English and in Spanish. The console's own URLs hold
   * ids, dates and codes only, never patient data, so the query can be kept.
   */
  @ModelAttribute("switchLanguage")
  Map<String, String> switchLanguage(HttpServletRequest request) {
    Map<String, String> links = new LinkedHashMap<>();
    for (String language : new String[] {"en", "es"}) {
      UriComponents uri =
          ServletUriComponentsBuilder.fromRequest(request)
              .replaceQueryParam("lang", language)
              .build();
      links.put(language, uri.getPath() + "?" + uri.getQuery());
    }
    return links;
  }
}
