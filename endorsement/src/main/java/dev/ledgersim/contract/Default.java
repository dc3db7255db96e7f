package dev.ledgersim.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the contract that receives unqualified transaction names (those without a
 * {@code contractName:} prefix), as Fabric Java's {@code @Default} does.
 *
 * <p>At most one contract of a chaincode may carry it. A chaincode with exactly one contract routes
 * unqualified names to that contract whether or not it is annotated.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Default {
}
