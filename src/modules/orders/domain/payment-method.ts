/**
 * Orders carry a payment-method token (Stripe-style test ids such as `pm_card_visa`),
 * never card data: the allow-list pattern cannot match a card number.
 */
export const PAYMENT_METHOD_PATTERN = /^pm_[a-zA-Z0-9_]{1,96}$/;

export const DEFAULT_PAYMENT_METHOD = 'pm_card_visa';
