package com.utalk.realtime.socketio;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The few HTTP responses the long-polling transport writes. */
final class HttpResponses {
  private static final ByteBuf OK =
      Unpooled.unreleasableBuffer(
          Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII).asReadOnly());
  private static final String TEXT_PLAIN = "text/plain; charset=UTF-8";

  private HttpResponses() {}

  /** 200 with an Engine.IO payload (the answer to a GET). */
  static void polling(Channel channel, ByteBuf body, boolean keepAlive, String origin) {
    write(channel, response(HttpResponseStatus.OK, body, TEXT_PLAIN, origin), keepAlive);
  }

  /**
   * 200 "ok" (the answer to a POST). text/html as the Node server does (avoids download prompts).
   */
  static void ok(Channel channel, boolean keepAlive, String origin) {
    write(channel, response(HttpResponseStatus.OK, OK.duplicate(), "text/html", origin), keepAlive);
  }

  /** An Engine.IO error: {@code {"code":n,"message":"..."}} with its status. */
  static void engineError(Channel channel, EngineError error, boolean keepAlive, String origin) {
    write(
        channel,
        response(
            error.status,
            Unpooled.copiedBuffer(error.json(), StandardCharsets.UTF_8),
            "application/json",
            origin),
        keepAlive);
  }

  /**
   * A non-Engine.IO error in the project's JSON error shape: {@code {"error": code, "message":
   * ...}}.
   */
  static void problem(
      Channel channel, HttpResponseStatus status, String code, String message, boolean keepAlive) {
    write(
        channel,
        response(
            status,
            Unpooled.copiedBuffer(problemJson(code, message), StandardCharsets.UTF_8),
            "application/json",
            null),
        keepAlive);
  }

  /**
   * {@code {"error": code, "message": message}}, the application's error shape without a request
   * id.
   */
  static String problemJson(String code, String message) {
    JsonStringEncoder quote = JsonStringEncoder.getInstance();
    return "{\"error\":\""
        + new String(quote.quoteAsString(code))
        + "\",\"message\":\""
        + new String(quote.quoteAsString(message))
        + "\"}";
  }

  /** The answer to a CORS preflight. */
  static void preflight(
      Channel channel, String origin, String requestedHeaders, boolean keepAlive) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
    HttpHeaders headers = response.headers();
    cors(headers, origin);
    headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET,POST,OPTIONS");
    if (requestedHeaders != null) {
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requestedHeaders);
    }
    headers.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
    headers.set(HttpHeaderNames.CONTENT_LENGTH, 0);
    write(channel, response, keepAlive);
  }

  static FullHttpResponse response(
      HttpResponseStatus status, ByteBuf body, String contentType, String origin) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    HttpHeaders headers = response.headers();
    headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    headers.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    cors(headers, origin);
    return response;
  }

  /** Echoes an (already allowed) origin with credentials, as the Node server's cors option does. */
  static void cors(HttpHeaders headers, String origin) {
    if (origin != null) {
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
      headers.set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
    }
  }

  static void write(Channel channel, FullHttpResponse response, boolean keepAlive) {
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    ChannelFuture future = channel.writeAndFlush(response);
    if (!keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
