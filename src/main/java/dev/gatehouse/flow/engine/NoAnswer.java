package dev.gatehouse.flow.engine;

/** The answer of a challenge that asks nothing but a submit (a Continue button). */
public record NoAnswer() {
}
