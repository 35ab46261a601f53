package org.cellpath.console.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * English and Spanish: the browser's {@code Accept-Language} decides until the person picks a
 * language with the switcher ({@code ?lang=es}), which a cookie then remembers. Any other language
 * is shown in English. Request bodies are limited ({@link RequestBodyLimit}).
 */
@Configuration
class WebConfiguration implements WebMvcConfigurer {

  static final Locale SPANISH = Locale.forLanguageTag("es");

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver("CELLPATH_LANG");
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieSameSite("Lax");
    resolver.setDefaultLocaleFunction(request -> supported(request.getLocale()));
    return resolver;
  }

  /**
   * Ahead of every other filter, sign-in and CSRF included: an oversized body is refused before
   * anything reads it.
   */
  @Bean
  FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
      @Value("${cellpath.console.max-body-size:64KB}") DataSize maxBodySize) {
    FilterRegistrationBean<RequestBodyLimit> registration =
        new FilterRegistrationBean<>(new RequestBodyLimit(maxBodySize.toBytes()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change);
  }

  static Locale supported(Locale requested) {
    return requested != null && "es".equals(requested.getLanguage()) ? SPANISH : Locale.ENGLISH;
  }
}
