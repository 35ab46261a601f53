package org.cellpath.notification.sms;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * The SMS channel's notes of SMS in doubt, kept in memory for the tests that have no database: each
 * note with how many calls the provider had received when it was made, so that a test can tell it
 * came before the call.
 */
public final class NotedSends implements SendsInDoubt {

  /** A note: before the provider ({@code before} true) or the outcome's. */
  public record Note(UUID notificationId, boolean before, int providerCallsSoFar) {}

  private final List<Note> notes = new CopyOnWriteArrayList<>();
  private volatile IntSupplier providerCalls = () -> -1;

  void countingCallsOf(IntSupplier calls) {
    this.providerCalls = calls;
  }

  List<Note> of(UUID notificationId) {
    return notes.stream().filter(note -> note.notificationId().equals(notificationId)).toList();
  }

  @Override
  public void beforeTheProvider(UUID notificationId) {
    notes.add(new Note(notificationId, true, providerCalls.getAsInt()));
  }

  @Override
  public void resolved(UUID notificationId) {
    notes.add(new Note(notificationId, false, providerCalls.getAsInt()));
  }
}
