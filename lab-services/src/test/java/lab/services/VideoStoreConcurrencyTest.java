package lab.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VideoStoreConcurrencyTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void thirtyTwoClientsAddingAHundredVideosEachLoseNothingAndDuplicateNothing()
      throws Exception {
    var channel = grpc.inProcessChannel(new VideoService(new VideoStore()));
    var stub = VideoServiceGrpc.newBlockingStub(channel);
    ExecutorService clients = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1); // all 32 begin together, to collide
    try {
      List<CompletableFuture<Void>> adds = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        int thread = t;
        adds.add(CompletableFuture.runAsync(() -> {
          await(start);
          for (int i = 0; i < 100; i++) {
            stub.addVideo(VideoServiceTest.notesVideo(thread + "-" + i));
          }
        }, clients));
      }
      start.countDown();
      CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      clients.shutdownNow();
      clients.awaitTermination(10, TimeUnit.SECONDS);
    }

    List<String> listed = new ArrayList<>();
    stub.listVideos(ListVideosRequest.getDefaultInstance())
        .forEachRemaining(v -> listed.add(v.getId()));
    assertEquals(3_200, listed.size(), "every add is listed");
    assertEquals(3_200, new HashSet<>(listed).size(), "no id is listed twice");
  }

  @Test
  void thirtyTwoClientsAddingTheSameIdAtOnceSucceedExactlyOnceTheRestGetAlreadyExists()
      throws Exception {
    var stub = VideoServiceGrpc.newBlockingStub(
        grpc.inProcessChannel(new VideoService(new VideoStore())));
    ExecutorService clients = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Status.Code>> adds = new ArrayList<>();
    try {
      for (int t = 0; t < 32; t++) {
        String title = "by client " + t;
        adds.add(CompletableFuture.supplyAsync(() -> {
          await(start);
          try {
            stub.addVideo(VideoServiceTest.notesVideo("same").toBuilder().setTitle(title).build());
            return Status.Code.OK;
          } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
          }
        }, clients));
      }
      start.countDown();
      CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      clients.shutdownNow();
      clients.awaitTermination(10, TimeUnit.SECONDS);
    }

    List<Status.Code> codes = adds.stream().map(CompletableFuture::join).toList();
    assertEquals(1, codes.stream().filter(Status.Code.OK::equals).count(), codes.toString());
    assertEquals(31, codes.stream().filter(Status.Code.ALREADY_EXISTS::equals).count());
    List<String> titles = new ArrayList<>();
    stub.listVideos(ListVideosRequest.getDefaultInstance())
        .forEachRemaining(v -> titles.add(v.getTitle()));
    assertEquals(1, titles.size(), "stored once, never overwritten: " + titles);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
