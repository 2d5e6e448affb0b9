package vn.hatang.console;

import java.util.Map;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.i18n.Messages;

/**
 * A form as the user last sent it, and the service's refusal when there was one: the message goes next to the field
 * the {@link ApiException} names (the API's own field names are the forms' input names), or above the form.
 *
 * @param id which form on the page was sent (a page may hold several)
 */
public record Form(String id, Map<String, String> values, String field, String message) {
    public static final Form NONE = new Form(null, Map.of(), null, null);

    public static Form refused(String id, Map<String, String> values, ApiException e, Text text) {
        return new Form(id, values, e.field(), Messages.get(text.locale(), e.messageKey(), e.args()));
    }

    /**
     * The same refusal with the field renamed, for a form whose inputs gather several API fields (one "units" input
     * for {@code grants[0].unit_code}, {@code grants[1].unit_code}…).
     */
    public Form field(java.util.function.UnaryOperator<String> rename) {
        return field == null ? this : new Form(id, values, rename.apply(field), message);
    }

    /** The value the user typed, so a refused form keeps it. */
    public String value(String form, String name) {
        return form.equals(id) ? values.getOrDefault(name, "") : "";
    }

    /** The message for this field of this form, or null. */
    public String error(String form, String name) {
        return form.equals(id) && name.equals(field) ? message : null;
    }

    /** The message of a refusal that names no field of the form (a lifecycle gate, a conflict), or null. */
    public String general(String form) {
        return form.equals(id) && message != null && (field == null || !values.containsKey(field)) ? message : null;
    }
}
