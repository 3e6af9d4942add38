package com.utalk.emulators.firestoretrigger;

import com.google.cloud.Timestamp;
import java.util.Map;

/** A document as the listener last saw it: its fields and server times. */
record DocumentVersion(Map<String, Object> fields, Timestamp createTime, Timestamp updateTime) {}
