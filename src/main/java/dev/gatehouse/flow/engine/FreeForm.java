package dev.gatehouse.flow.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a response record whose fields are not declared (a prompt stage's fields come from its config): its one
 * {@code Map} component takes the whole answer as sent.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FreeForm {
}
