package lab.security;

import java.util.Map;
import java.util.Set;
import lab.proto.video.VideoServiceGrpc;

/**
 * Who may do what in the secured video lab: anyone with a valid token may read; adding a
 * video needs the "editor" role. Two demo users: alice (viewer, editor) and bob (viewer).
 */
public final class VideoLabAuth {
  public static final String ALICE_TOKEN = "alice-token";
  public static final String BOB_TOKEN = "bob-token";

  private VideoLabAuth() {}

  public static TokenAuthInterceptor interceptor() {
    return new TokenAuthInterceptor(
        Map.of(ALICE_TOKEN, new TokenAuthInterceptor.User("alice", Set.of("viewer", "editor")),
            BOB_TOKEN, new TokenAuthInterceptor.User("bob", Set.of("viewer"))),
        Map.of(VideoServiceGrpc.getAddVideoMethod().getFullMethodName(), "editor",
            VideoServiceGrpc.getListVideosMethod().getFullMethodName(), "viewer",
            VideoServiceGrpc.getGetVideoMethod().getFullMethodName(), "viewer",
            VideoServiceGrpc.getGetVideosMethod().getFullMethodName(), "viewer"));
  }
}
