// Service Bus for events: a topic (every subscription gets every event) and the app's subscription.
// Local (SAS) authentication is off; the app reaches it with its identity.

@description('The namespace\'s name.')
param name string

@description('Where it lives.')
param location string

@description('Tags for the namespace.')
param tags object

@description('The topic events are sent to (the app\'s Cqrs:Events:ServiceBus:TopicName).')
param topicName string

@description('The app\'s subscription (Cqrs:Events:ServiceBus:SubscriptionName).')
param subscriptionName string

@description('Deliveries before Service Bus dead-letters a message by itself; equal to the app\'s Cqrs:Events:MaxDeliveryAttempts, so the app dead-letters first, with a reason.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int

@description('How long a received message stays locked; the Functions host renews it up to host.json maxAutoLockRenewalDuration.')
param lockDuration string

@description('Messages with an id seen within this window are dropped; the message id is the event id, so an outbox re-send of a sent event is dropped.')
param duplicateDetectionWindow string

@description('How long an undelivered message lives before it is dead-lettered.')
param messageTimeToLive string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }

  resource topic 'topics' = {
    name: topicName
    properties: {
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
      defaultMessageTimeToLive: messageTimeToLive
      enableBatchedOperations: true
    }

    resource subscription 'subscriptions' = {
      name: subscriptionName
      properties: {
        maxDeliveryCount: maxDeliveryCount
        lockDuration: lockDuration
        deadLetteringOnMessageExpiration: true
        defaultMessageTimeToLive: messageTimeToLive
      }

      // A retry is a copy the app schedules on the topic for its own subscription (cqrs-redelivery-for):
      // take every original and only our own copies. Other subscriptions on the topic want the same filter.
      resource events 'rules' = {
        name: '$Default'
        properties: {
          filterType: 'SqlFilter'
          sqlFilter: {
            sqlExpression: '[cqrs-redelivery-for] IS NULL OR [cqrs-redelivery-for] = \'${subscriptionName}\''
          }
        }
      }
    }
  }
}

output name string = namespace.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
output topicName string = namespace::topic.name
output subscriptionName string = namespace::topic::subscription.name
