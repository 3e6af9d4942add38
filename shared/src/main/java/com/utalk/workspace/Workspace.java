package com.utalk.workspace;

import java.util.List;

/** A tenant: owns WhatsApp sender numbers, users and conversations. */
public record Workspace(String id, String name, List<String> whatsappNumbers) {
  public Workspace {
    whatsappNumbers = List.copyOf(whatsappNumbers);
  }
}
