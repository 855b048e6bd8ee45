package lab.interop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every case the Java client runs, by its spec name, in the order "all" runs them. */
final class InteropCases {
  static final Map<String, InteropCase> ALL;

  static {
    Map<String, InteropCase> cases = new LinkedHashMap<>();
    cases.put("empty_unary", BasicCases::emptyUnary);
    cases.put("large_unary", BasicCases::largeUnary);
    cases.put("client_compressed_unary", CompressionCases::clientCompressedUnary);
    cases.put("server_compressed_unary", CompressionCases::serverCompressedUnary);
    cases.put("client_streaming", BasicCases::clientStreaming);
    cases.put("client_compressed_streaming", CompressionCases::clientCompressedStreaming);
    cases.put("server_streaming", BasicCases::serverStreaming);
    cases.put("server_compressed_streaming", CompressionCases::serverCompressedStreaming);
    cases.put("ping_pong", BasicCases::pingPong);
    cases.put("empty_stream", BasicCases::emptyStream);
    cases.put("custom_metadata", StatusAndMetadataCases::customMetadata);
    cases.put("status_code_and_message", StatusAndMetadataCases::statusCodeAndMessage);
    cases.put("special_status_message", StatusAndMetadataCases::specialStatusMessage);
    cases.put("unimplemented_method", StatusAndMetadataCases::unimplementedMethod);
    cases.put("unimplemented_service", StatusAndMetadataCases::unimplementedService);
    cases.put("cancel_after_begin", CancelCases::cancelAfterBegin);
    cases.put("cancel_after_first_response", CancelCases::cancelAfterFirstResponse);
    cases.put("timeout_on_sleeping_server", CancelCases::timeoutOnSleepingServer);
    cases.put("concurrent_large_unary", LoadCases::concurrentLargeUnary);
    cases.put("rpc_soak", LoadCases::rpcSoak);
    cases.put("channel_soak", LoadCases::channelSoak);
    cases.put("max_streams", LoadCases::maxStreams);
    ALL = Collections.unmodifiableMap(cases);
  }

  private InteropCases() {}
}
