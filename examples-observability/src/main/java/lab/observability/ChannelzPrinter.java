package lab.observability;

import io.grpc.Channel;
import io.grpc.channelz.v1.Address;
import io.grpc.channelz.v1.ChannelzGrpc;
import io.grpc.channelz.v1.ChannelzGrpc.ChannelzBlockingStub;
import io.grpc.channelz.v1.GetServerSocketsRequest;
import io.grpc.channelz.v1.GetServersRequest;
import io.grpc.channelz.v1.GetSocketRequest;
import io.grpc.channelz.v1.GetSubchannelRequest;
import io.grpc.channelz.v1.GetTopChannelsRequest;
import io.grpc.channelz.v1.Server;
import io.grpc.channelz.v1.SocketData;
import io.grpc.channelz.v1.SocketRef;
import io.grpc.channelz.v1.Subchannel;
import io.grpc.channelz.v1.SubchannelRef;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Reads a process's channelz (grpc.channelz.v1.Channelz, served by the admin services) and
 * prints it the way {@code grpcdebug <target> channelz servers|sockets|channels} does:
 * servers with calls started/succeeded/failed, each server's sockets (one per client
 * connection) with streams and messages, and the process's own outgoing channels with their
 * subchannels and sockets. Channelz counts since the process started, live, on demand: no
 * metrics pipeline is needed to ask a running server what it is doing.
 */
public final class ChannelzPrinter {
  private final ChannelzBlockingStub channelz;

  public ChannelzPrinter(Channel channel) {
    this.channelz = ChannelzGrpc.newBlockingStub(channel);
  }

  private ChannelzBlockingStub stub() {
    return channelz.withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  public List<Server> servers() {
    return stub().getServers(GetServersRequest.getDefaultInstance()).getServerList();
  }

  /** The server (of the process asked) whose listening socket has this port. */
  public Optional<Server> serverListeningOn(int port) {
    return servers().stream().filter(server -> server.getListenSocketList().stream()
        .anyMatch(ref -> address(ref.getSocketId()).endsWith(":" + port))).findFirst();
  }

  public List<SocketRef> serverSockets(long serverId) {
    return stub().getServerSockets(GetServerSocketsRequest.newBuilder()
        .setServerId(serverId).build()).getSocketRefList();
  }

  public SocketData socket(long socketId) {
    return stub().getSocket(GetSocketRequest.newBuilder().setSocketId(socketId).build())
        .getSocket().getData();
  }

  /** Servers and their sockets, then channels and theirs: the whole picture, as text. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-9s %-22s %s%n", "Server ID", "Listen Addresses",
        "Calls(Started/Succeeded/Failed)"));
    for (Server server : servers()) {
      var data = server.getData();
      out.append(String.format("%-9d %-22s %d/%d/%d%n", server.getRef().getServerId(),
          server.getListenSocketList().stream().map(s -> address(s.getSocketId()))
              .collect(Collectors.joining(",", "[", "]")),
          data.getCallsStarted(), data.getCallsSucceeded(), data.getCallsFailed()));
      for (SocketRef ref : serverSockets(server.getRef().getServerId())) {
        out.append("  ").append(socketLine(ref.getSocketId()));
      }
    }
    out.append(String.format("%n%-10s %-28s %-12s %s%n", "Channel ID", "Target", "State",
        "Calls(Started/Succeeded/Failed)"));
    var channels = stub().getTopChannels(GetTopChannelsRequest.getDefaultInstance())
        .getChannelList();
    if (channels.isEmpty()) {
      out.append("(none: this process makes no outgoing calls)\n");
    }
    for (var channel : channels) {
      var data = channel.getData();
      out.append(String.format("%-10d %-28s %-12s %d/%d/%d%n", channel.getRef().getChannelId(),
          data.getTarget(), data.getState().getState(), data.getCallsStarted(),
          data.getCallsSucceeded(), data.getCallsFailed()));
      for (SubchannelRef ref : channel.getSubchannelRefList()) {
        Subchannel sub = stub().getSubchannel(GetSubchannelRequest.newBuilder()
            .setSubchannelId(ref.getSubchannelId()).build()).getSubchannel();
        out.append(String.format("  subchannel %-6d %-12s calls %d/%d/%d%n",
            ref.getSubchannelId(), sub.getData().getState().getState(),
            sub.getData().getCallsStarted(), sub.getData().getCallsSucceeded(),
            sub.getData().getCallsFailed()));
        for (SocketRef socket : sub.getSocketRefList()) {
          out.append("    ").append(socketLine(socket.getSocketId()));
        }
      }
    }
    return out.toString();
  }

  private String socketLine(long socketId) {
    var socket = stub().getSocket(GetSocketRequest.newBuilder().setSocketId(socketId).build())
        .getSocket();
    SocketData data = socket.getData();
    return String.format("socket %-6d %s -> %s  streams %d/%d/%d  messages sent %d, received %d%n",
        socketId, format(socket.getLocal()), format(socket.getRemote()),
        data.getStreamsStarted(), data.getStreamsSucceeded(), data.getStreamsFailed(),
        data.getMessagesSent(), data.getMessagesReceived());
  }

  private String address(long socketId) {
    return format(stub().getSocket(GetSocketRequest.newBuilder().setSocketId(socketId).build())
        .getSocket().getLocal());
  }

  private static String format(Address address) {
    if (!address.hasTcpipAddress()) {
      return address.hasUdsAddress() ? address.getUdsAddress().getFilename() : "?";
    }
    try {
      var tcp = address.getTcpipAddress();
      return InetAddress.getByAddress(tcp.getIpAddress().toByteArray()).getHostAddress()
          + ":" + tcp.getPort();
    } catch (UnknownHostException e) {
      return "?";
    }
  }
}
