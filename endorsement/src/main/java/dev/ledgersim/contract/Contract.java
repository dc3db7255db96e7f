package dev.ledgersim.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class implementing {@link ContractInterface} as a contract, as Fabric Java's
 * {@code @Contract} does.
 *
 * <p>The contract's name is {@link #name()}, or the class's simple name when that is empty or the
 * class is not annotated at all. Clients address a transaction of a non-default contract as
 * {@code name:function}; the name must be unique within a chaincode and must not contain {@code ':'}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Contract {

    /** The contract's name; empty (the default) means the class's simple name. */
    String name() default "";
}
