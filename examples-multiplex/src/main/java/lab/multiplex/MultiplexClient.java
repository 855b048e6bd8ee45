package lab.multiplex;

import lab.common.Flags;
import lab.common.LabChannel;
import lab.proto.multiplex.ClockGrpc;
import lab.proto.multiplex.NowRequest;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.routeguide.Geo;

/**
 * One channel, many stubs (the notes' "one channel with multiple stubs"): three stubs for
 * three services share one channel, so every call below travels on the same TCP connection,
 * each as its own HTTP/2 stream. Flags: {@code --target} (default localhost:50056).
 */
public final class MultiplexClient {
  public static void main(String[] args) throws Exception {
    Flags flags = Flags.parse(args);
    try (LabChannel lab = LabChannel.plaintext(flags.target(MultiplexServer.DEFAULT_PORT))) {
      var routes = RouteGuideGrpc.newBlockingStub(lab.channel());
      var videos = VideoServiceGrpc.newBlockingStub(lab.channel());
      var clock = ClockGrpc.newBlockingStub(lab.channel());

      System.out.println("route guide: " + routes.getFeature(Geo.point(51.5055, -0.0754)).getName());
      videos.addVideo(Video.newBuilder().setId("m-" + System.nanoTime()).setTitle("Multiplexed")
          .build());
      int[] count = {0};
      videos.listVideos(ListVideosRequest.getDefaultInstance()).forEachRemaining(v -> count[0]++);
      System.out.println("video service: " + count[0] + " video(s)");
      System.out.println("clock: " + clock.now(NowRequest.getDefaultInstance()).getTime());
      System.out.println("(three services, three stubs, one channel: one connection)");
    }
  }
}
