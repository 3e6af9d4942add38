package com.utalk.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** References and module interfaces, as `terraform validate` would check them (check 3). */
class ReferenceCheckTest {
  @Test
  void everyReferenceAndModuleArgumentResolves() {
    List<String> problems = ReferenceCheck.check(Checks.tree());
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void unknownReferencesAndModuleArgumentsAreNamed() {
    List<String> problems = ReferenceCheck.check(Checks.fixtures("bad-references"));
    assertEquals(
        List.of(
            "child: local.missing is not declared",
            "child: resource google_pubsub_topic.nope is not declared",
            "child: data.google_project.other is not declared",
            "child: var.regoin is not declared",
            "root: module child has no output topic_name",
            "root: module.absent is not declared",
            "root: module child has no variable colour",
            "root: module child needs variable region"),
        problems);
  }
}
