# Docs-style placeholders: bash would read <...> as redirections.
export RESOURCE_GROUP=<resource-group-name>
export LOCATION=<location>
export CLUSTER_NAME=<cluster-name>

az aks create \
    --resource-group $RESOURCE_GROUP \
    --name $CLUSTER_NAME \
    --location $LOCATION \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --service-cidr <service-cidr> \
    --vnet-subnet-id <subnet-id> \
    --generate-ssh-keys

az aks nodepool add \
    --resource-group $RESOURCE_GROUP \
    --cluster-name $CLUSTER_NAME \
    --name <nodepool-name> \
    --node-count 5

az aks nodepool add --resource-group <rg> --cluster-name <other-cluster> --name winnp --os-type Windows --max-pods 30
