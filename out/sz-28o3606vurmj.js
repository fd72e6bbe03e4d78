export { isCustomerSession, assertCustomerSession, parseCustomerSession, ValidationError } from "./customer-session.js";
