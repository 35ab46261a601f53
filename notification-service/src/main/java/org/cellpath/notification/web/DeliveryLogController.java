package org.cellpath.notification.web;

import java.util.List;
import java.util.UUID;
import org.cellpath.notification.delivery.NotificationQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log for staff: what was sent about a referral, to whom (role, masked address) and how it went. */
@RestController
class DeliveryLogController {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLogController.class);

  private final NotificationQueue queue;

  DeliveryLogController(NotificationQueue queue) {
    this.queue = queue;
  }

  /**
   * Every message queued for the referral, oldest first, with every attempt. Empty, not 404, for a referral with no
   * messages: this service only knows referrals it has written about.
   */
  @GetMapping("/api/referrals/{referralId}/notifications")
  DeliveryLogResponse deliveryLog(@PathVariable UUID referralId) {
    List<DeliveryLogResponse.Entry> entries = queue.forReferral(referralId).stream()
        .map(DeliveryLogResponse.Entry::of).toList();
    log.info("Delivery log of referral {} read: {} notification(s)", referralId, entries.size());
    return new DeliveryLogResponse(referralId, entries);
  }
}
