package org.cellpath.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cellpath.console.ConsoleProperties;
import org.cellpath.console.ConsoleProperties.SignInMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The sign-in page. With the development issuer: choose a role (and, as a physician, the NPI), and
 * the console gets a token for it, checks it like the services do and keeps it in the session. With
 * the identity provider: one button to the provider's login page (Spring's authorization-code flow
 * does the rest).
 */
@Controller
class SignInController {

  private static final Logger log = LoggerFactory.getLogger(SignInController.class);
  private static final List<String> ROLES = ConsoleUser.ROLES;

  private final ConsoleProperties properties;
  private final TokenVerifier verifier;
  private final MessageSource messages;
  private final DevTokenIssuerClient issuer;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

  SignInController(
      ConsoleProperties properties,
      TokenVerifier verifier,
      MessageSource messages,
      RestClient.Builder http) {
    this.properties = properties;
    this.verifier = verifier;
    this.messages = messages;
    this.issuer =
        properties.signIn() == SignInMode.DEV_ISSUER
            ? new DevTokenIssuerClient(http, properties.devTokenUrl())
            : null;
  }

  @ModelAttribute("devMode")
  boolean devMode() {
    return properties.signIn() == SignInMode.DEV_ISSUER;
  }

  @ModelAttribute("roles")
  List<String> roles() {
    return ROLES;
  }

  @GetMapping("/signin")
  String signInPage(Model model) {
    if (!model.containsAttribute("form")) {
      SignInForm form = new SignInForm();
      form.setRole(ConsoleUser.PHYSICIAN);
      model.addAttribute("form", form);
    }
    model.addAttribute("errors", Map.of());
    return "signin";
  }

  @PostMapping("/signin")
  String signIn(
      @ModelAttribute("form") SignInForm form,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale) {
    if (issuer == null) {
      return "redirect:/signin";
    }
    Map<String, String> errors = new LinkedHashMap<>();
    String role = form.getRole() == null ? "" : form.getRole().strip().toUpperCase(Locale.ROOT);
    if (!ROLES.contains(role)) {
      errors.put("role", messages.getMessage("signin.error.role", null, locale));
    }
    String npi = form.getNpi() == null ? "" : form.getNpi().strip();
    if (ConsoleUser.PHYSICIAN.equals(role) && !npi.matches("[0-9]{10}")) {
      errors.put("npi", messages.getMessage("signin.error.npi", null, locale));
    }
    String name = form.getName() == null ? "" : form.getName().strip();
    if (name.length() > 100) {
      errors.put("name", messages.getMessage("signin.error.name", null, locale));
    }
    if (!errors.isEmpty()) {
      model.addAttribute("errors", errors);
      return "signin";
    }
    ConsoleUser user;
    try {
      String token =
          issuer.token(
              role, subject(role, name, npi), ConsoleUser.PHYSICIAN.equals(role) ? npi : null);
      user = verifier.verify(token, name.isEmpty() ? null : name);
      // A new session id for the signed-in person (no session fixation); the token only in the
      // session.
      if (request.getSession(false) != null) {
        request.changeSessionId();
      }
      SessionAccessTokens.store(request, token);
    } catch (RestClientException | JwtException failed) {
      log.warn("Development sign-in failed: {}", failed.getClass().getSimpleName());
      model.addAttribute(
          "errors", Map.of("form", messages.getMessage("signin.error.issuer", null, locale)));
      return "signin";
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new ConsoleAuthentication(user));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    log.info("Signed in with the development issuer as {} ({})", user.subject(), user.roles());
    return "redirect:" + user.homePath();
  }

  /**
   * A stable subject per person: the role and the name (or NPI) they gave, in lower case, letters
   * and digits.
   */
  static String subject(String role, String name, String npi) {
    String who = !name.isBlank() ? name : !npi.isBlank() ? npi : "1";
    String slug =
        who.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return "console-" + role.toLowerCase(Locale.ROOT) + "-" + (slug.isEmpty() ? "1" : slug);
  }
}
