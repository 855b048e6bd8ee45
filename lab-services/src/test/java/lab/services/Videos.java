package lab.services;

import lab.proto.video.Video;

/** Test videos of a chosen size, so a store's bytes are known. */
final class Videos {
  private Videos() {}

  static Video sized(String id, int bytes) {
    return Video.newBuilder().setId(id).setTitle("t").setUrl("u".repeat(bytes)).build();
  }

  /** A store holding {@code count} videos of about {@code bytes} each, ids "0", "1", .... */
  static VideoStore storeOf(int count, int bytes) {
    VideoStore store = new VideoStore(
        new VideoStore.Limits(128, count + 10, Long.MAX_VALUE, Integer.MAX_VALUE));
    Video template = sized("x", bytes);
    for (int i = 0; i < count; i++) {
      store.add(template.toBuilder().setId(Integer.toString(i)).build());
    }
    return store;
  }
}
