export { isCustomerSession } from "./customer-session.js";
