package org.cellpath.audit;

/**
 * What a caller asked to do, as written in the audit trail's {@code action} column. Each service
 * names its own in an enum that implements this, so that its actions are a closed list a reader of
 * the trail can look up.
 */
public interface AuditedAction {

  /** The name written to the trail, such as {@code PAIR_BOOK}. */
  String name();
}
