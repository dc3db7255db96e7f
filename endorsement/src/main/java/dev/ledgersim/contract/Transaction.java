package dev.ledgersim.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a contract as a transaction function that clients may call, as Fabric
 * Java's {@code @Transaction} does. Methods without it are never callable.
 *
 * <p>The method's first parameter must be a {@link Context} (or a subclass that the contract's
 * {@link ContractInterface#createContext createContext} returns); the remaining parameters are bound
 * from the transaction's arguments and the return value becomes the response payload:
 * {@code String} as UTF-8 text without quotes, {@code byte[]} as is, primitives and their boxes as
 * their text ({@code boolean} only {@code true}/{@code false}), any other type Jackson can bind
 * (records, POJOs, lists, maps) as JSON; a {@code void} method (or a {@code null} result) returns an
 * empty payload. Transaction names must be unique within a contract (no overloading).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Transaction {

    /**
     * Whether the function is meant to be submitted (endorsed, ordered and committed) or only
     * evaluated on one peer. As on Fabric this is a declaration for clients and tools: it does not
     * stop an evaluated function from writing, nor a submitted one from only reading.
     */
    TYPE intent() default TYPE.SUBMIT;

    /** The transaction's name; empty (the default) means the method's name. Must not contain {@code ':'}. */
    String name() default "";

    /** The intent of a transaction function, with Fabric Java's names. */
    enum TYPE {
        /** The function changes the ledger: clients submit it for ordering and commit. */
        SUBMIT,
        /** The function only reads: clients evaluate it on one peer and do not submit it. */
        EVALUATE
    }
}
