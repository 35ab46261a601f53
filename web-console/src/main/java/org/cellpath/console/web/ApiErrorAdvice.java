package org.cellpath.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.cellpath.console.api.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.client.ResourceAccessException;

/**
 * What a page shows when a service refuses or cannot be reached, where the page itself did not
 * handle it: an expired token sends the person to sign in again, 403 and 404 get their pages,
 * anything else the error page with the service's own explanation. The log gets the status only: a
 * problem's detail is for the person, not the log.
 */
@ControllerAdvice
class ApiErrorAdvice {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

  @ExceptionHandler(ApiProblem.class)
  String problem(
      ApiProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
    if (problem.status() == 401) {
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      SecurityContextHolder.clearContext();
      return "redirect:/signin?expired";
    }
    log.info(
        "A service answered {} to {} {}",
        problem.status(),
        request.getMethod(),
        request.getRequestURI());
    response.setStatus(problem.status() >= 500 ? 502 : problem.status());
    model.addAttribute("problem", problem);
    if (problem.status() == 403) {
      return "error/403";
    }
    if (problem.status() == 404) {
      return "error/404";
    }
    return "error/service";
  }

  @ExceptionHandler(ResourceAccessException.class)
  String unreachable(ResourceAccessException failure, HttpServletResponse response, Model model) {
    log.warn("A service could not be reached: {}", failure.getClass().getSimpleName());
    response.setStatus(503);
    return "error/unavailable";
  }
}
