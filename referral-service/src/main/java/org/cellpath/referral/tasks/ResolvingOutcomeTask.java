package org.cellpath.referral.tasks;

import java.time.Clock;
import java.util.UUID;
import org.cellpath.domain.RecordNotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A clinician records what was done about a 12-week task, once. */
@Service
class ResolvingOutcomeTask {

  private final OutcomeTasks tasks;
  private final Clock clock;

  ResolvingOutcomeTask(OutcomeTasks tasks, Clock clock) {
    this.tasks = tasks;
    this.clock = clock;
  }

  /**
   * @throws RecordNotFoundException when there is no such task
   * @throws org.cellpath.domain.StateConflictException when it was resolved already
   */
  @Transactional
  OutcomeTask resolve(UUID id, TaskAction action, @Nullable String note, String clinician) {
    OutcomeTask task = tasks.lock(id).orElseThrow(() -> notFound(id));
    task.resolve(action, note, clinician, clock.instant());
    tasks.save(task);
    return task;
  }

  static RecordNotFoundException notFound(UUID id) {
    return new RecordNotFoundException("Outcome task " + id + " not found");
  }
}
