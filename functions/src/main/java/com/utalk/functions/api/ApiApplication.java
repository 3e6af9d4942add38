package com.utalk.functions.api;

import com.utalk.auth.AuthModule;
import com.utalk.changes.Changelog;
import com.utalk.config.ServiceIdentity;
import com.utalk.conversations.AgentMessages;
import com.utalk.conversations.ConversationActions;
import com.utalk.conversations.ConversationQueries;
import com.utalk.flags.FlagAdministration;
import com.utalk.functions.auth.AuthRoutes;
import com.utalk.functions.backup.BackupModule;
import com.utalk.functions.backup.BackupRoutes;
import com.utalk.functions.bot.AiConfigHandler;
import com.utalk.functions.bot.BotRoutes;
import com.utalk.functions.bot.BotWiring;
import com.utalk.functions.bot.ForcePauseBotHandler;
import com.utalk.functions.changes.ChangeRoutes;
import com.utalk.functions.flags.FlagRoutes;
import com.utalk.functions.health.HealthRoutes;
import com.utalk.functions.media.MediaRoutes;
import com.utalk.functions.wiring.Backend;
import com.utalk.messaging.OutboundMessageService;
import com.utalk.versions.VersionPolicy;
import com.utalk.wiring.Lazy;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's object graph for one function instance: services over the shared clients, and the route
 * table.
 */
final class ApiApplication {
  private final Router router;
  private final AuthModule auth;

  ApiApplication(Backend backend) {
    AuthModule auth = new AuthModule(backend.settings(), backend.firestore(), backend.clock());
    this.auth = auth;
    ConversationQueries queries = new ConversationQueries(backend.firestore(), auth.policy());
    ConversationActions actions =
        new ConversationActions(
            backend.firestore(),
            auth.users(),
            auth.policy(),
            backend.outbox(),
            auth.audit(),
            BotWiring.escalations(backend),
            backend.clock());
    Lazy<AgentMessages> messages =
        Lazy.of(
            () ->
                new AgentMessages(
                    new OutboundMessageService(
                        backend.firestore(),
                        backend.outbox(),
                        backend.publisher(),
                        backend.clock()),
                    auth.policy()));

    List<Route> routes = new ArrayList<>();
    routes.addAll(
        new HealthRoutes(
                ServiceIdentity.from(backend.settings()), backend::firestore, backend.clock())
            .routes());
    routes.addAll(new AuthRoutes(auth).routes());
    routes.addAll(new ConversationRoutes(queries, actions, messages).routes());
    routes.addAll(new UserRoutes(auth.userAdministration()).routes());
    routes.addAll(new AdminRoutes(auth).routes());
    routes.addAll(
        new BotRoutes(
                Lazy.of(() -> new AiConfigHandler(BotWiring.aiConfig(backend))),
                Lazy.of(() -> new ForcePauseBotHandler(BotWiring.forcePause(backend))))
            .routes());
    routes.addAll(
        new MediaRoutes(Lazy.of(() -> MediaRoutes.handlers(backend, auth.policy()))).routes());
    routes.addAll(new KpiRoutes(backend).routes());
    routes.addAll(new BackupRoutes(Lazy.of(() -> new BackupModule(backend)), auth).routes());
    routes.addAll(
        new FlagRoutes(
                backend::flags,
                Lazy.of(
                    () ->
                        new FlagAdministration(
                            backend.firestore(),
                            auth.audit(),
                            auth.policy(),
                            backend.flags(),
                            backend.clock())),
                auth.users())
            .routes());
    routes.addAll(new ChangeRoutes(Changelog.bundled(), backend.clock()).routes());
    routes.addAll(new OpenApiRoute().routes());
    this.router =
        new Router(routes, auth.verifier(), auth.policy(), new VersionPolicy(backend.clock()));
  }

  Router router() {
    return router;
  }

  AuthModule auth() {
    return auth;
  }
}
