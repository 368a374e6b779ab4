package dev.gatehouse.policy;

/**
 * What a failing policy asks of the flow it is evaluated in, beyond "no". Policies stay free of side effects: a
 * demand is a value the flow executor acts on, where the stages do the writing. Outside a flow a demand changes
 * nothing and the failure denies as any other.
 */
public enum Demand {
    /**
     * The user must set a new password before the flow goes on: the executor runs the stages of the password-change
     * flow just before the stage whose binding failed, then evaluates that binding again (the password expiry policy).
     */
    PASSWORD_CHANGE,
    /**
     * The failure ends the flow with the policy's messages (access denied) instead of leaving the stage out, as a
     * failing stage binding otherwise does (the password expiry policy with {@code deny_only}).
     */
    DENY
}
