package org.cellpath.messaging;

/**
 * Marks an exception whose message is known to hold no patient data (ids, codes and type names
 * only). Only such messages reach logs and dead-letter headers; every other exception is reported
 * by its class name alone.
 */
public interface SafeToLog {}
