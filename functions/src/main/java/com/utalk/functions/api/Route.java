package com.utalk.functions.api;

import java.io.IOException;

/**
 * One entry of the route table: method + path template, who may call it, and the adapter that
 * serves it.
 */
public record Route(String method, PathTemplate path, Access access, Handler handler) {
  @FunctionalInterface
  public interface Handler {
    Reply handle(ApiRequest request) throws IOException;
  }

  public static Route get(String path, Access access, Handler handler) {
    return new Route("GET", PathTemplate.of(path), access, handler);
  }

  public static Route post(String path, Access access, Handler handler) {
    return new Route("POST", PathTemplate.of(path), access, handler);
  }

  public static Route put(String path, Access access, Handler handler) {
    return new Route("PUT", PathTemplate.of(path), access, handler);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
