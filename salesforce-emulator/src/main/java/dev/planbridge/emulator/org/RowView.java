package dev.planbridge.emulator.org;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A read-only Map view of one stored row (an immutable array in describe order); keys are canonical field names,
 * lookups also accept other casings. Rows are copy-on-write, so a view never changes after it was handed out.
 */
final class RowView extends AbstractMap<String, Object> {

    private final ObjectDef object;
    private final Object[] values;

    RowView(ObjectDef object, Object[] values) {
        this.object = object;
        this.values = values;
    }

    @Override
    public Object get(Object key) {
        int index = position(key);
        return index < 0 ? null : valueAt(index);
    }

    @Override
    public boolean containsKey(Object key) {
        return position(key) >= 0;
    }

    private int position(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        int index = object.indexOf(name);
        if (index >= 0) {
            return index;
        }
        FieldDef def = object.fieldDef(name);
        return def == null ? -1 : object.indexOf(def.name());
    }

    /** The stored value, or for a compound address the view of its parts (computed, never stored). */
    private Object valueAt(int index) {
        FieldDef field = object.fieldAt(index);
        return field.isCompound() ? ComputedFields.compound(object, values, field) : values[index];
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(object.fieldAt(i).name(), valueAt(i));
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }
}
