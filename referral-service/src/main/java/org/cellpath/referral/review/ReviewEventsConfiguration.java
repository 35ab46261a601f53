package org.cellpath.referral.review;

import java.util.function.Consumer;
import org.cellpath.contracts.ReferralAmended;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.messaging.EventHandlers;
import org.cellpath.messaging.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The review listens to referral-service's own topic: a submitted or amended referral gets a review. */
@Configuration(proxyBeanMethods = false)
class ReviewEventsConfiguration {

  @Bean
  Consumer<Message<byte[]>> referralEvents(InboundEvents inbound, ReviewingReferral reviewing) {
    return inbound.consumer("eligibility-review", new EventHandlers()
        .on(ReferralSubmitted.class, event -> reviewing.open(event.referralId()))
        .on(ReferralAmended.class, event -> reviewing.open(event.referralId())));
  }
}
