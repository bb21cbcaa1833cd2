/** Which webhook URLs are accepted (placeholder until the webhook work lands). */
export interface WebhookUrlPolicy {
  requireHttps: boolean;
  allowPrivateAddresses: boolean;
}
