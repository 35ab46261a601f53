package org.cellpath.messaging.operations;

import java.util.List;

/**
 * A consumer binding as the service configures it.
 *
 * @param name the binding, for example {@code referralEvents-in-0}
 * @param topics what it reads (its destination, split at commas)
 * @param group its consumer group
 * @param deadLetterTopic where its failed records go ({@code dlq-name}, else the binder's default
 *     name)
 * @param function the name of the function bean that handles its records
 */
record ConsumerBinding(
    String name, List<String> topics, String group, String deadLetterTopic, String function) {}
