package org.cellpath.console.tasks;

import org.cellpath.console.api.OutcomeTaskApi;
import org.cellpath.console.signin.ConsoleUser;
import org.cellpath.console.signin.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The number of open 12-week tasks, which the navigation shows reviewing clinicians on their pages
 * (the review queue and the tasks; other pages show the link without it, and call nothing more). A
 * page never fails for it: without an answer the link shows without a number.
 */
@ControllerAdvice(basePackages = {"org.cellpath.console.reviewer", "org.cellpath.console.tasks"})
class OpenTaskCount {

  private static final Logger log = LoggerFactory.getLogger(OpenTaskCount.class);

  private final OutcomeTaskApi api;

  OpenTaskCount(OutcomeTaskApi api) {
    this.api = api;
  }

  @ModelAttribute("openOutcomeTasks")
  Long openOutcomeTasks() {
    ConsoleUser user = CurrentUser.current().orElse(null);
    if (user == null || !user.has(ConsoleUser.REVIEWER)) {
      return null;
    }
    try {
      return api.openCount();
    } catch (RuntimeException unavailable) {
      log.debug("No count of open 12-week tasks: {}", unavailable.getClass().getSimpleName());
      return null;
    }
  }
}
