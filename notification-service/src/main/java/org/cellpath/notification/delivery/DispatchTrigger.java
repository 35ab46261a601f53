package org.cellpath.notification.delivery;

import org.cellpath.work.WakeUps;
import org.springframework.stereotype.Component;

/** Lets a committed enqueue wake the dispatcher at once, rather than at its next poll. */
@Component
class DispatchTrigger extends WakeUps {}
