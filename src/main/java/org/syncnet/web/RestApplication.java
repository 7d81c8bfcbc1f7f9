package org.syncnet.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Jakarta REST under /syncnet/api. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
