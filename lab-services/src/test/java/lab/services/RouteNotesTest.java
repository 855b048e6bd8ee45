package lab.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteNote;
import org.junit.jupiter.api.Test;

/** RouteChat's memory keeps its three bounds: notes per place, places, and bytes. */
class RouteNotesTest {
  private static final Point A = place(1);
  private static final Point B = place(2);
  private static final Point C = place(3);
  private static final Point D = place(4);

  @Test
  void aPlaceAnswersWithItsNewestNotesOldestFirstAndKeepsNoMoreThanItsBound() {
    RouteNotes notes = new RouteNotes(10, 3, Long.MAX_VALUE);
    for (int i = 1; i <= 4; i++) {
      notes.add(note(A, "a" + i));
    }
    assertEquals(List.of("a2", "a3", "a4"), messages(notes.add(note(A, "a5"))));
    assertEquals(List.of("a3", "a4", "a5"), messages(notes.add(note(A, "a6"))));
  }

  @Test
  void pastThePlaceBoundTheLeastRecentlyWrittenPlaceIsForgottenAndNoOther() {
    RouteNotes notes = new RouteNotes(3, 10, Long.MAX_VALUE);
    notes.add(note(A, "a1"));
    notes.add(note(B, "b1"));
    notes.add(note(C, "c1"));
    notes.add(note(A, "a2")); // A is now the most recently written, B the least
    notes.add(note(D, "d1")); // a fourth place: B goes

    // Checked in an order that forgets nothing more until B, itself last.
    assertEquals(List.of("a1", "a2"), messages(notes.add(note(A, "a3"))));
    assertEquals(List.of("c1"), messages(notes.add(note(C, "c2"))));
    assertEquals(List.of("d1"), messages(notes.add(note(D, "d2"))));
    assertEquals(List.of(), messages(notes.add(note(B, "b2"))), "B was forgotten");
  }

  @Test
  void pastTheByteBoundTheLeastRecentlyWrittenPlacesAreForgottenUntilTheNotesFit() {
    int size = note(A, "x".repeat(100)).getSerializedSize();
    RouteNotes notes = new RouteNotes(100, 10, 3L * size); // room for three such notes
    notes.add(note(A, "a".repeat(100)));
    notes.add(note(B, "b".repeat(100)));
    notes.add(note(A, "A".repeat(100))); // A written last: B is now the least recent
    assertEquals(3L * size, notes.bytes());
    notes.add(note(C, "c".repeat(100))); // a fourth: B goes, and only B
    assertEquals(3L * size, notes.bytes());

    // Checked A first: each check is a write, which can itself push out the eldest place.
    assertEquals(2, notes.add(note(A, "a")).size(), "A kept both its notes");
    assertEquals(List.of(), messages(notes.add(note(B, "b"))), "B was forgotten");
  }

  @Test
  void theBytesCountedFollowTheNotesDroppedByThePerPlaceBound() {
    int size = note(A, "x".repeat(100)).getSerializedSize();
    RouteNotes notes = new RouteNotes(100, 2, Long.MAX_VALUE);
    for (int i = 0; i < 5; i++) {
      notes.add(note(A, "x".repeat(100)));
    }
    assertEquals(2L * size, notes.bytes(), "only the two notes kept are counted");
  }

  @Test
  void aPlaceForgottenByThePlaceBoundNoLongerCountsAgainstTheByteBound() {
    int size = note(A, "x".repeat(100)).getSerializedSize();
    RouteNotes notes = new RouteNotes(2, 10, Long.MAX_VALUE);
    notes.add(note(A, "x".repeat(100)));
    notes.add(note(B, "x".repeat(100)));
    notes.add(note(C, "x".repeat(100))); // a third place: A goes
    assertEquals(2L * size, notes.bytes());
  }

  static Point place(int n) {
    return Point.newBuilder().setLatitude(n).setLongitude(n).build();
  }

  static RouteNote note(Point where, String message) {
    return RouteNote.newBuilder().setLocation(where).setMessage(message).build();
  }

  static List<String> messages(List<RouteNote> notes) {
    return notes.stream().map(RouteNote::getMessage).toList();
  }
}
