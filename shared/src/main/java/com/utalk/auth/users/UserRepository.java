package com.utalk.auth.users;

import com.google.api.core.ApiFuture;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.QuerySnapshot;
import com.google.cloud.firestore.Transaction;
import com.utalk.auth.AuthCollections;
import com.utalk.errors.ConflictException;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Users in Firestore: {@code users/{uid}} plus the {@code userEmails/{email}} uniqueness index. */
public final class UserRepository {
  private final Firestore firestore;

  public UserRepository(Firestore firestore) {
    this.firestore = firestore;
  }

  public DocumentReference ref(String uid) {
    return firestore.collection(Collections.USERS).document(uid);
  }

  /**
   * Creates the user and claims its email in one transaction, so two concurrent creations of one
   * email cannot both succeed. {@code alsoInTransaction} adds related writes (the audit entry).
   */
  public void create(User user, String passwordHash, Consumer<Transaction> alsoInTransaction) {
    DocumentReference emailRef =
        firestore.collection(AuthCollections.USER_EMAILS).document(user.email());
    FirestoreCalls.await(
        firestore.runTransaction(
            tx -> {
              if (tx.get(emailRef).get().exists()) {
                throw new ConflictException("email_taken", "a user with this email already exists");
              }
              tx.create(
                  emailRef, Map.of("uid", user.id(), "createdAt", Timestamps.of(user.createdAt())));
              tx.create(ref(user.id()), UserDocument.toMap(user, passwordHash));
              alsoInTransaction.accept(tx);
              return null;
            }));
  }

  /**
   * One query whether or not the email exists, so the login path costs the same round trips for a
   * known and an unknown email.
   */
  public Optional<StoredUser> findByEmail(String normalizedEmail) {
    return startFindByEmail(normalizedEmail).result();
  }

  /** Starts the lookup so that other work overlaps its round trip. */
  public Lookup startFindByEmail(String normalizedEmail) {
    return new Lookup(
        firestore
            .collection(Collections.USERS)
            .whereEqualTo(UserDocument.EMAIL, normalizedEmail)
            .limit(1)
            .get());
  }

  /** A lookup in flight. */
  public static final class Lookup {
    private final ApiFuture<QuerySnapshot> query;

    private Lookup(ApiFuture<QuerySnapshot> query) {
      this.query = query;
    }

    public Optional<StoredUser> result() {
      List<QueryDocumentSnapshot> docs = FirestoreCalls.await(query).getDocuments();
      return docs.isEmpty()
          ? Optional.empty()
          : Optional.of(UserDocument.storedFromSnapshot(docs.get(0)));
    }
  }

  public Optional<User> findById(String uid) {
    DocumentSnapshot doc = FirestoreCalls.await(ref(uid).get());
    return doc.exists() ? Optional.of(UserDocument.fromSnapshot(doc)) : Optional.empty();
  }

  /** A workspace's users ordered by email; {@code afterEmail} continues a previous page. */
  public List<User> list(String workspaceId, int limit, String afterEmail) {
    Query query =
        firestore
            .collection(Collections.USERS)
            .whereEqualTo(UserDocument.WORKSPACE_ID, workspaceId)
            .orderBy(UserDocument.EMAIL)
            .limit(limit);
    if (afterEmail != null) {
      query = query.startAfter(afterEmail);
    }
    List<User> users = new ArrayList<>();
    for (QueryDocumentSnapshot doc : FirestoreCalls.await(query.get()).getDocuments()) {
      users.add(UserDocument.fromSnapshot(doc));
    }
    return users;
  }

  public void updatePasswordHash(String uid, String passwordHash, Instant now) {
    FirestoreCalls.await(
        ref(uid)
            .update(
                UserDocument.PASSWORD_HASH,
                passwordHash,
                UserDocument.UPDATED_AT,
                Timestamps.of(now)));
  }
}
