package io.aerosink.connect.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;

/**
 * A read-only MBean whose attributes are named as Connect names its own ({@code records-written-total}), which a
 * standard MBean or MXBean cannot do: their attribute names come from getter names. Each attribute reads a value
 * its owner keeps; reading allocates, recording never goes through here.
 */
final class AttributeBean implements DynamicMBean {

    private final String description;
    private final Map<String, Supplier<Number>> values = new LinkedHashMap<>();
    private final Map<String, MBeanAttributeInfo> infos = new LinkedHashMap<>();

    AttributeBean(String description) {
        this.description = description;
    }

    AttributeBean add(String name, String doc, Supplier<Number> value) {
        values.put(name, value);
        infos.put(name, new MBeanAttributeInfo(name, Number.class.getName(), doc, true, false, false));
        return this;
    }

    /** Each attribute in the order added, for publishing the same values elsewhere than JMX. */
    void forEach(Visitor visitor) {
        values.forEach((name, value) -> visitor.attribute(name, infos.get(name).getDescription(), value));
    }

    interface Visitor {
        void attribute(String name, String doc, Supplier<Number> value);
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException {
        Supplier<Number> value = values.get(name);
        if (value == null) {
            throw new AttributeNotFoundException(name);
        }
        return value.get();
    }

    @Override
    public void setAttribute(Attribute attribute) {
        throw new UnsupportedOperationException("metrics are read-only");
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        for (String name : names) {
            Supplier<Number> value = values.get(name);
            if (value != null) {
                list.add(new Attribute(name, value.get()));
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("metrics have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return new MBeanInfo(AttributeBean.class.getName(), description,
                infos.values().toArray(new MBeanAttributeInfo[0]), null, null, null);
    }
}
