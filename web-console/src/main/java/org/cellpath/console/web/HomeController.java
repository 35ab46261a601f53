package org.cellpath.console.web;

import org.cellpath.console.signin.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The start page sends each person to their role's first page; the 403 page says what is not
 * theirs.
 */
@Controller
class HomeController {

  @GetMapping("/")
  String home() {
    return "redirect:" + CurrentUser.require().homePath();
  }

  @RequestMapping("/forbidden")
  @ResponseStatus(HttpStatus.FORBIDDEN)
  String forbidden() {
    return "error/403";
  }
}
