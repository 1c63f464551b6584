package io.tcpgateway.bench.netty;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Writes each decoded line back followed by CR LF, and flushes once per read so that the
 * replies to one read go out together.
 */
@Sharable
final class LineEchoHandler extends ChannelInboundHandlerAdapter {

	private static final ByteBuf CRLF = Unpooled
		.unreleasableBuffer(Unpooled.directBuffer(2).writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII)));

	@Override
	public void channelRead(ChannelHandlerContext context, Object line) {
		context.write(line);
		context.write(CRLF.duplicate());
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext context) {
		context.flush();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		// An oversized line or a reset by the client: drop the connection, as the gateway
		// does.
		context.close();
	}

}
