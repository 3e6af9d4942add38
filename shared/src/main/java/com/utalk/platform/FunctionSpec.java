package com.utalk.platform;

/**
 * One deployable function: its deployed name, the class the Functions Framework loads, and its
 * triggers. The local stack, the Terraform consistency test and the docs all read this catalog.
 */
public record FunctionSpec(String name, String entryPoint, FunctionTrigger trigger) {
  public boolean isHttp() {
    return trigger instanceof FunctionTrigger.Http;
  }
}
