package org.unesco.aspnet.example.hello.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/** Serves the script of {@link HelloPage}: the files under {@code ui/} at {@code /hello-ui/}. */
@Component(service = HelloPageScript.class)
@HttpWhiteboardResource(pattern = "/hello-ui/*", prefix = "/ui")
public final class HelloPageScript {}
