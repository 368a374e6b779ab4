package dev.gatehouse.policy;

import java.util.Map;

/**
 * Evaluates one policy type's config against a request. Implementations have no side effects (DESIGN.md
 * point 7): the engine records events. They may block (the engine runs them on a virtual thread and
 * interrupts them at the binding's timeout) and should stop promptly when interrupted.
 */
@FunctionalInterface
public interface PolicyEvaluator {
    PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) throws InterruptedException;
}
