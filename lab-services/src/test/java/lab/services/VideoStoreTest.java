package lab.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import lab.proto.video.Video;
import org.junit.jupiter.api.Test;

/** The store's bounds at their exact edges, and its snapshot, without a server. */
class VideoStoreTest {
  @Test
  void aVideoThatExactlyFillsTheByteLimitIsStoredAndOneByteMoreIsNot() {
    Video video = Videos.sized("a", 100);
    VideoStore store = new VideoStore(new VideoStore.Limits(128, 10, video.getSerializedSize()));

    store.add(video);

    assertEquals(Status.Code.RESOURCE_EXHAUSTED, codeOf(() -> store.add(Videos.sized("b", 0))));
    assertEquals(1, store.size(), "the rejected video is not counted");
  }

  @Test
  void theVideoCountLimitIsExact() {
    VideoStore store = new VideoStore(new VideoStore.Limits(128, 3, 1 << 20));
    for (String id : List.of("a", "b", "c")) {
      store.add(Videos.sized(id, 1));
    }
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, codeOf(() -> store.add(Videos.sized("d", 1))));
    assertEquals(3, store.size());
  }

  @Test
  void anIdOfExactlyTheLimitIsAcceptedAndOneCharacterMoreIsNot() {
    VideoStore store = new VideoStore(new VideoStore.Limits(8, 10, 1 << 20));
    store.add(Videos.sized("12345678", 1));

    assertEquals("12345678", store.get("12345678").getId());
    assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> store.add(Videos.sized("123456789", 1))));
    assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> store.get("123456789")));
  }

  @Test
  void aSnapshotHoldsWhatWasStoredWhenItWasTakenWhateverIsAddedBeforeItIsRead() {
    VideoStore store = Videos.storeOf(3, 1);
    Iterator<Video> snapshot = store.snapshot();
    store.add(Videos.sized("later", 1));

    List<String> ids = new ArrayList<>();
    snapshot.forEachRemaining(v -> ids.add(v.getId()));
    assertEquals(List.of("0", "1", "2"), ids);
    assertEquals(4, store.size());
  }

  @Test
  void statusMessagesQuoteAnIdOfSixtyFourCharactersWholeAndCutALongerOne() {
    assertEquals("\"" + "a".repeat(64) + "\"", VideoStore.quote("a".repeat(64)));
    assertEquals("\"" + "a".repeat(64) + "...\" (65 characters)", VideoStore.quote("a".repeat(65)));
  }

  private static Status.Code codeOf(Runnable action) {
    return assertThrows(StatusRuntimeException.class, action::run).getStatus().getCode();
  }
}
