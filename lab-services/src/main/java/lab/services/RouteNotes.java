package lab.services;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteNote;

/**
 * RouteChat's memory, shared by every chat and bounded both ways: each location keeps only its
 * newest {@code perLocation} notes, and only the {@code locations} most recently written
 * locations are kept at all (the least recently written is forgotten first). Without both
 * bounds a client repeating one location, or writing to ever new ones, grows the server
 * without limit.
 */
final class RouteNotes {
  private final int perLocation;
  private final Map<Point, Deque<RouteNote>> notes;

  RouteNotes(int locations, int perLocation) {
    this.perLocation = perLocation;
    // Access order: writing a location makes it the most recent one.
    this.notes = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Point, Deque<RouteNote>> eldest) {
        return size() > locations;
      }
    };
  }

  /** Stores {@code note} and returns the notes left at its location before it, oldest first. */
  synchronized List<RouteNote> add(RouteNote note) {
    Deque<RouteNote> here = notes.computeIfAbsent(note.getLocation(), p -> new ArrayDeque<>());
    List<RouteNote> earlier = List.copyOf(here);
    here.addLast(note);
    if (here.size() > perLocation) {
      here.removeFirst();
    }
    return earlier;
  }
}
