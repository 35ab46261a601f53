package org.cellpath.referral.review;

import java.util.function.Consumer;
import org.cellpath.contracts.ReferralAmended;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.messaging.EventHandlers;
import org.cellpath.messaging.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The review listens to referral-service's own topic: a submitted or amended referral gets a
 * review. It opens through this round trip rather than in the submitting transaction because the
 * consumer is part of what operators and the fault tests rely on: its binding ({@code
 * referralEvents-in-0}) dead-letters a poison {@code ReferralSubmitted} and replays it, and its
 * inbox ({@code eligibility-review}) is what the reconciliation counts.
 */
@Configuration(proxyBeanMethods = false)
class ReviewEventsConfiguration {

  @Bean
  Consumer<Message<byte[]>> referralEvents(InboundEvents inbound, ReviewingReferral reviewing) {
    return inbound.consumer(
        "eligibility-review",
        new EventHandlers()
            .on(ReferralSubmitted.class, event -> reviewing.open(event.referralId()))
            .on(ReferralAmended.class, event -> reviewing.open(event.referralId())));
  }
}
