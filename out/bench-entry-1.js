export { isCustomerSession, assertCustomerSession, parseCustomerSession, ValidationError } from "./index.js";
