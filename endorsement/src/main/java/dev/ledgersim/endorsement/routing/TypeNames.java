package dev.ledgersim.endorsement.routing;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;

/** Short, readable names of Java types for messages: {@code int}, {@code String}, {@code List<Patient>}, {@code byte[]}. */
final class TypeNames {

    private TypeNames() {
    }

    static String of(Type type) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return of(c.getComponentType()) + "[]";
            }
            String simple = c.getSimpleName();
            return simple.isEmpty() ? c.getName() : simple;
        }
        if (type instanceof ParameterizedType parameterized) {
            StringBuilder out = new StringBuilder(of(parameterized.getRawType())).append('<');
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < arguments.length; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(of(arguments[i]));
            }
            return out.append('>').toString();
        }
        if (type instanceof GenericArrayType array) {
            return of(array.getGenericComponentType()) + "[]";
        }
        if (type instanceof WildcardType wildcard) {
            if (wildcard.getLowerBounds().length > 0) {
                return "? super " + of(wildcard.getLowerBounds()[0]);
            }
            Type[] upper = wildcard.getUpperBounds();
            return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + of(upper[0]);
        }
        return type.getTypeName();
    }
}
