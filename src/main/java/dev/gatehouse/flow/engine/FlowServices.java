package dev.gatehouse.flow.engine;

import dev.gatehouse.core.UserService;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.store.Database;
import dev.gatehouse.throttle.LoginThrottle;

/** The services stages may use. */
public record FlowServices(Database db, UserService users, LoginThrottle throttle, PolicyEngine policies) {
}
