package org.cellpath.referral.tasks;

public enum TaskState {
  OPEN,
  RESOLVED
}
